import { DataSource } from 'typeorm';
import { loadConfig } from '@app/common';
import { dataSourceOptions } from './data-source-options';

/** The data source the TypeORM CLI uses (`npm run typeorm -- migration:run`). */
export default new DataSource(dataSourceOptions(loadConfig().DATABASE_URL));
