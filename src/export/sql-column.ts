/** One computed column of exported SQL: `sql AS name`, with an optional one-line comment. */
export interface SQLColumn {
  name: string;
  sql: string;
  comment?: string;
}
