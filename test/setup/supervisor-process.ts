// A supervisor in a process of its own, for tests that end it as a crash would (SIGKILL): run with
// `node --import tsx test/setup/supervisor-process.ts '<ServiceSpec[] as JSON>'`. It starts the
// services, relays their output, and prints `pid <name> <n>` for each once its process exists.
import { Supervisor, type ServiceSpec } from '../../scripts/processes';

const specs = JSON.parse(process.argv[2]!) as ServiceSpec[];
const supervisor = new Supervisor({ restartInitialMs: 100, restartMaxMs: 400, stopGraceMs: 5_000 });
for (const spec of specs) console.log(`pid ${spec.name} ${supervisor.start(spec).child!.pid}`);
process.once('SIGTERM', () => void supervisor.stop().then(() => process.exit(0)));
