import { AuctionScreen } from "@/components/auction-screen";

export default async function AuctionPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <AuctionScreen id={id} />;
}
