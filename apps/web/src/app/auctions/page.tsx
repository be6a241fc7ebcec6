import { AuctionsScreen } from "@/components/auctions-screen";

export default function AuctionsPage() {
  return <AuctionsScreen />;
}
