// admin.users: find users by id, username or first name, newest first.
import { query } from "../common/use-case";
import { adminRepository } from "./admin-repository";
import { usersInput, usersOutput } from "./schemas";

export const searchUsers = query({
  input: usersInput,
  output: usersOutput,
  async run({ db }, input) {
    const q = input.query?.trim().replace(/^@/, "") || undefined;
    const byId = q && /^\d{1,19}$/.test(q) && BigInt(q) <= 9_223_372_036_854_775_807n ? BigInt(q) : undefined;
    const rows = await adminRepository.searchUsers(db, { query: q, byId, limit: input.limit + 1, cursor: input.cursor });
    const items = rows.slice(0, input.limit).map(({ _count, ...u }) => ({ ...u, nftCount: _count.nfts }));
    return { items, nextCursor: rows.length > input.limit ? items[items.length - 1]!.id : null };
  },
});
