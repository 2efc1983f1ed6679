import { InitialSchema1764460000000 } from './1764460000000-initial-schema';

/** Every migration, oldest first (listed, not globbed, so bundles carry them). */
export const MIGRATIONS = [InitialSchema1764460000000];
