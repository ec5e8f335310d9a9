export { PersistenceModule } from './persistence.module.js';
