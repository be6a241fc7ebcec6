// The admin page's operations overview.
import { z } from "zod";

const pipeline = z.object({
  withdrawalsUnfinished: z.object({ PENDING: z.number().int(), SENDING: z.number().int(), SENT: z.number().int() }),
  oldestUnfinishedWithdrawalAt: z.date().nullable(),
  /** When the deposit reader last read the platform wallet up to the chain's head (null: never, or no TON). */
  depositsReadAt: z.date().nullable(),
  depositsReadAgeSeconds: z.number().nullable(),
});
export type PipelineState = z.infer<typeof pipeline>;

export const operationsOutput = z.object({
  since: z.date(),
  /**
   * Events of the last 24 hours: sale (every sale, whatever its path), offer_accepted, bid (volume: the
   * amounts bid), auction_settled, presale_sold, presale_delivered, deposit_credited, withdrawal_requested,
   * withdrawal_confirmed, withdrawal_refunded. Events that did not happen are absent.
   */
  last24h: z.array(z.object({ event: z.string(), count: z.number().int(), volume: z.bigint() })),
  pipeline,
});
