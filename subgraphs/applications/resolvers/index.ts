import { Application } from './Application';
import { InformationSystem } from './InformationSystem';
import { Provider } from './Provider';
import { Query } from './Query';
import { Unit } from './Unit';

export const resolvers = { Query, Unit, InformationSystem, Application, Provider };
