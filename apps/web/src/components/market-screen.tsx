"use client";

import { useTranslations } from "next-intl";

import type { Translate } from "@/lib/errors";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";

import { formatTon, parseTon } from "@gm/api/client";
import { type CollectionFilters, type MarketSort, MARKET_SORTS, type SearchInput, useMarketSearchInfinite } from "@/lib/market-api";
import { useTRPC } from "@/lib/trpc";

import { NftCard } from "./nft-card";
import { EmptyState, ErrorCard, GridSkeleton, LoadMoreSentinel, Sheet } from "./ui";
import styles from "./market-screen.module.css";

/** The filter sheet's state: the search input's filter fields, the lists and the sort always set. */
type Filters = Required<Pick<SearchInput, "giftIds" | "models" | "backdrops" | "symbols">> & Pick<SearchInput, "priceMin" | "priceMax"> & { sort: MarketSort };

const EMPTY: Filters = { giftIds: [], models: [], backdrops: [], symbols: [], sort: "price_asc" };

export function sortLabel(t: Translate, sort: MarketSort): string {
  switch (sort) {
    case "price_asc":
      return t("sortPriceAsc");
    case "price_desc":
      return t("sortPriceDesc");
    case "listed_desc":
      return t("sortListedDesc");
    case "number_asc":
      return t("sortNumberAsc");
    case "rarity":
      return t("sortRarity");
  }
}

function toSearchInput(f: Filters): SearchInput {
  return {
    sort: f.sort,
    ...(f.giftIds.length ? { giftIds: f.giftIds } : {}),
    ...(f.models.length ? { models: f.models } : {}),
    ...(f.backdrops.length ? { backdrops: f.backdrops } : {}),
    ...(f.symbols.length ? { symbols: f.symbols } : {}),
    ...(f.priceMin !== undefined ? { priceMin: f.priceMin } : {}),
    ...(f.priceMax !== undefined ? { priceMax: f.priceMax } : {}),
    listedOnly: true,
    limit: 24,
  };
}

const toggle = <T,>(list: T[], value: T): T[] => (list.includes(value) ? list.filter((v) => v !== value) : [...list, value]);

export function MarketScreen() {
  const t = useTranslations();
  const trpc = useTRPC();
  const me = useQuery(trpc.auth.me.queryOptions());
  const balance = useQuery(trpc.wallet.balance.queryOptions());
  const filtersQuery = useQuery(trpc.market.filters.queryOptions(undefined, { staleTime: 60_000 }));
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const [sheetOpen, setSheetOpen] = useState(false);

  const input = toSearchInput(filters);
  const search = useMarketSearchInfinite(input);

  const collections = filtersQuery.data?.collections ?? [];
  const items = search.data?.pages.flatMap((p) => p.items) ?? [];
  const activeCount = filters.models.length + filters.backdrops.length + filters.symbols.length + (filters.priceMin !== undefined || filters.priceMax !== undefined ? 1 : 0);

  return (
    <main className="screen">
      <header className="header">
        {me.data?.photoUrl ? (
          <img className="avatar" src={me.data.photoUrl} alt="" width={40} height={40} />
        ) : (
          <div className="avatar avatar-letter" aria-hidden="true">
            {(me.data?.firstName ?? "?").slice(0, 1).toUpperCase()}
          </div>
        )}
        <div className="grow">
          <h1 className="title">
            {t("greeting")} <span data-testid="user-name">{me.data?.firstName ?? "…"}</span>
          </h1>
          <p className="hint">{t("subtitle")}</p>
        </div>
        <div className={styles.balanceChip} title={t("available")}>
          {balance.data ? <span data-testid="balance-available">{formatTon(balance.data.available)}</span> : <span className={`skeleton ${styles.skeletonChip}`} />}
        </div>
      </header>

      <div className={styles.chips} role="toolbar" aria-label={t("collections")}>
        <button type="button" className={filters.giftIds.length === 0 ? "chip active" : "chip"} onClick={() => setFilters({ ...filters, giftIds: [], models: [], backdrops: [], symbols: [] })}>
          {t("searchAll")}
        </button>
        {filtersQuery.isPending
          ? Array.from({ length: 5 }, (_, i) => <span key={i} className={`skeleton ${styles.skeletonChip}`} />)
          : collections.map((c) => (
              <button
                key={c.id}
                type="button"
                className={filters.giftIds.includes(c.id) ? "chip active" : "chip"}
                aria-pressed={filters.giftIds.includes(c.id)}
                data-testid="collection-chip"
                data-gift-id={c.id}
                onClick={() => setFilters({ ...filters, giftIds: toggle(filters.giftIds, c.id), models: [], backdrops: [], symbols: [] })}
              >
                <span aria-hidden="true">{c.glyph}</span> {c.title}
              </button>
            ))}
      </div>

      <div className={styles.toolbar}>
        <button type="button" className="chip" onClick={() => setSheetOpen(true)} data-testid="open-filters">
          ⚙︎ {t("filters")}
          {activeCount > 0 ? <span className="count">{activeCount}</span> : null}
        </button>
        <label className="select-label">
          <span className={styles.srOnly}>{t("sort")}</span>
          <select className="select" value={filters.sort} onChange={(e) => setFilters({ ...filters, sort: e.target.value as MarketSort })} data-testid="sort-select">
            {MARKET_SORTS.map((s) => (
              <option key={s} value={s}>
                {sortLabel(t, s)}
              </option>
            ))}
          </select>
        </label>
      </div>

      {search.isPending ? (
        <GridSkeleton />
      ) : search.isError ? (
        <ErrorCard error={search.error} onRetry={() => void search.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState title={t("noResults")} hint={t("noResultsHint")} testId="market-empty">
          <button type="button" className="button" onClick={() => setFilters(EMPTY)}>
            {t("reset")}
          </button>
        </EmptyState>
      ) : (
        <>
          <div className="grid" data-testid="market-grid">
            {items.map((item) => (
              <NftCard key={item.id.toString()} item={item} />
            ))}
          </div>
          <LoadMoreSentinel enabled={search.hasNextPage} loading={search.isFetchingNextPage} onVisible={() => void search.fetchNextPage()} loadingText={t("loadingMore")} endText={t("endOfList")} />
        </>
      )}

      {sheetOpen ? (
        <FilterSheet
          collections={collections}
          initial={filters}
          onClose={() => setSheetOpen(false)}
          onApply={(f) => {
            setFilters(f);
            setSheetOpen(false);
          }}
        />
      ) : null}
    </main>
  );
}

function tonText(v: bigint | undefined): string {
  return v === undefined ? "" : formatTon(v, { unit: false }).replace(/,/g, "");
}

/** The filter sheet: edits a draft, applied with one tap. */
function FilterSheet({ collections, initial, onClose, onApply }: { collections: CollectionFilters[]; initial: Filters; onClose: () => void; onApply: (f: Filters) => void }) {
  const t = useTranslations();
  const [draft, setDraft] = useState<Filters>(initial);
  const [minText, setMinText] = useState(tonText(initial.priceMin));
  const [maxText, setMaxText] = useState(tonText(initial.priceMax));
  const [priceError, setPriceError] = useState(false);

  const selected = collections.filter((c) => draft.giftIds.includes(c.id));
  const merge = (key: "models" | "backdrops" | "symbols") => {
    const byName = new Map<string, number>();
    for (const c of selected) for (const v of c[key]) byName.set(v.name, (byName.get(v.name) ?? 0) + v.listed);
    return [...byName.entries()].sort((a, b) => a[0].localeCompare(b[0]));
  };

  const apply = () => {
    const parse = (s: string): bigint | undefined | null => {
      const text = s.trim().replace(",", ".");
      if (text === "") return undefined;
      try {
        const v = parseTon(text);
        return v >= 0n ? v : null;
      } catch {
        return null;
      }
    };
    const min = parse(minText);
    const max = parse(maxText);
    if (min === null || max === null || (min !== undefined && max !== undefined && min > max)) {
      setPriceError(true);
      return;
    }
    onApply({ ...draft, priceMin: min, priceMax: max });
  };

  return (
    <Sheet open title={t("filtersTitle")} onClose={onClose} closeLabel={t("close")} testId="filter-sheet">
      <section>
        <h3 className="section-title">{t("collections")}</h3>
        <div className={`${styles.chips} ${styles.wrap}`}>
          {collections.map((c) => (
            <button key={c.id} type="button" className={draft.giftIds.includes(c.id) ? "chip active" : "chip"} aria-pressed={draft.giftIds.includes(c.id)} onClick={() => setDraft({ ...draft, giftIds: toggle(draft.giftIds, c.id), models: [], backdrops: [], symbols: [] })}>
              {c.glyph} {c.title}
              {c.floor !== null ? <span className={styles.chipSub}>{formatTon(c.floor)}</span> : null}
            </button>
          ))}
        </div>
      </section>
      {(["models", "backdrops", "symbols"] as const).map((key) => {
        const values = merge(key);
        if (values.length === 0) return null;
        return (
          <section key={key}>
            <h3 className="section-title">{t(key)}</h3>
            <div className={`${styles.chips} ${styles.wrap}`}>
              {values.map(([name, listed]) => (
                <button key={name} type="button" className={draft[key].includes(name) ? "chip active" : "chip"} aria-pressed={draft[key].includes(name)} onClick={() => setDraft({ ...draft, [key]: toggle(draft[key], name) })}>
                  {name} <span className={styles.chipSub}>{listed}</span>
                </button>
              ))}
            </div>
          </section>
        );
      })}
      <section>
        <h3 className="section-title">{t("priceRange")}</h3>
        <div className="row-inputs">
          <input className="input" inputMode="decimal" placeholder={t("priceFrom")} value={minText} onChange={(e) => { setMinText(e.target.value); setPriceError(false); }} data-testid="price-min" />
          <span className="hint">—</span>
          <input className="input" inputMode="decimal" placeholder={t("priceTo")} value={maxText} onChange={(e) => { setMaxText(e.target.value); setPriceError(false); }} data-testid="price-max" />
        </div>
        {priceError ? <p className="field-error">{t("invalidPrice")}</p> : null}
      </section>
      <section>
        <h3 className="section-title">{t("sort")}</h3>
        <select className="select full" value={draft.sort} onChange={(e) => setDraft({ ...draft, sort: e.target.value as MarketSort })}>
          {MARKET_SORTS.map((s) => (
            <option key={s} value={s}>
              {sortLabel(t, s)}
            </option>
          ))}
        </select>
      </section>
      <div className="sheet-actions">
        <button type="button" className="button secondary" onClick={() => { setDraft(EMPTY); setMinText(""); setMaxText(""); }}>
          {t("reset")}
        </button>
        <button type="button" className="button" onClick={apply} data-testid="apply-filters">
          {t("apply")}
        </button>
      </div>
    </Sheet>
  );
}

