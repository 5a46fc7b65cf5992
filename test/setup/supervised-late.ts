// A process whose supervisor is gone before it starts watching (one dying while the process still
// loads): run with `node --import tsx test/setup/supervised-late.ts`, with or without an IPC
// channel. It waits for a line on stdin (sent once the test has closed the channel), registers
// two stops one after the other, and prints the calls they received as its last line.
import { createInterface } from 'node:readline';
import { stopWhenSupervisorGone } from '../../subgraphs/kit/supervised';

const calls: string[] = [];
const lines = createInterface({ input: process.stdin });
console.log('ready');
lines.once('line', () => {
  stopWhenSupervisorGone((reason) => calls.push(`first: ${reason}`));
  stopWhenSupervisorGone((reason) => calls.push(`second: ${reason}`));
  // Anything still to come from the channel (its 'disconnect' event) has come by then.
  setTimeout(() => {
    console.log(JSON.stringify(calls));
    lines.close();
    process.exit(0);
  }, 200);
});
