import './fault-env';
import globalSetup from '../../support/global-setup';

/** A fresh fault database, migrated and seeded, as for the end-to-end tests. */
export default globalSetup;
