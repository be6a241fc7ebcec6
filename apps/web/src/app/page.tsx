import { MarketScreen } from "@/components/market-screen";

export default function MarketPage() {
  return <MarketScreen />;
}
