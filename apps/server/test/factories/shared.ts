/** What every factory file shares: a counter for unique names and the overrides type. */
let sequence = 0;
export const next = () => ++sequence;

export type Insert<T extends { $inferInsert: unknown }> = Partial<T['$inferInsert']>;
