import { users } from './schema/index.ts';

/** Column sets that more than one repository selects. */

/** Who a customer e-mail goes to: the address, the names it greets and the language it is written in. */
export const userContactColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  firstName: users.firstName,
  language: users.language,
};
