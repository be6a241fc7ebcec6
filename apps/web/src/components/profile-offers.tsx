"use client";

// The profile's offers: the ones the user made that still stand, and the ones received on their gifts
// with what accepting each pays after the fee; each opens the gift's page, where it is accepted or cancelled.
import { useQuery } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import Link from "next/link";

import { formatTon } from "@gm/api/client";
import { formatDate } from "@/lib/format";
import { useTRPC } from "@/lib/trpc";

import { ErrorCard, ListSkeleton } from "./ui";

export function ProfileOffers() {
  const t = useTranslations();
  const locale = useLocale();
  const trpc = useTRPC();
  const made = useQuery(trpc.offer.mine.queryOptions({ status: "ACTIVE", limit: 50 }));
  const received = useQuery(trpc.offer.received.queryOptions({ limit: 50 }));
  const section = (title: string, q: typeof made | typeof received, testId: string, received_: boolean) => (
    <section className="card" aria-label={title} data-testid={testId}>
      <h2 className="section-title">{title}</h2>
      {q.isPending ? (
        <ListSkeleton rows={2} />
      ) : q.isError ? (
        <ErrorCard error={q.error} onRetry={() => void q.refetch()} inline />
      ) : q.data.items.length === 0 ? (
        <p className="hint">{t("offersEmpty")}</p>
      ) : (
        <ul className="list">
          {q.data.items.map((o) => (
            <li key={o.id.toString()}>
              <Link href={`/nft/${o.nft.id.toString()}`} className="list-row" data-testid="profile-offer">
                <span>
                  <span className="row-title">
                    {o.nft.giftTitle} #{o.nft.number}
                  </span>
                  <span className="hint small">{t("expires", { date: formatDate(o.expiresAt, locale) })}</span>
                </span>
                <span className="amount-small">
                  {formatTon(o.price)}
                  {received_ && "proceeds" in o ? <span className="hint small"> → {formatTon(o.proceeds as bigint)}</span> : null}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
  return (
    <>
      {section(t("offersReceived"), received, "offers-received", true)}
      {section(t("offersMade"), made, "offers-made", false)}
    </>
  );
}
