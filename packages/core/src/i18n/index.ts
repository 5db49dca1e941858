export type { FormatIssuesOptions, SchemaLocale, SchemaText } from './schema-message.js';
export { bilingual, formatIssues, schemaLocale } from './schema-message.js';
