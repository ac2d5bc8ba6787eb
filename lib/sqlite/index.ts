export { migrateSqlite } from './migrate-sqlite.js';
