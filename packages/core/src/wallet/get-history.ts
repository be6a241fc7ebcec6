// wallet.history: the signed-in user's ledger rows, newest first, a cursor page at a time.
import { query } from "../common/use-case";
import { ledgerRepository } from "../ledger/ledger-repository";
import { historyInput, historyOutput } from "./schemas";

export const getWalletHistory = query({
  input: historyInput,
  output: historyOutput,
  async run({ db, actor }, page) {
    const rows = await ledgerRepository.history(db, actor.userId, page.limit + 1, page.cursor);
    const items = rows.slice(0, page.limit);
    return { items, nextCursor: rows.length > page.limit ? items[items.length - 1]!.id : null };
  },
});
