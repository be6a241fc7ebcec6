import { NftScreen } from "@/components/nft-screen";

export default async function NftPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <NftScreen id={id} />;
}
