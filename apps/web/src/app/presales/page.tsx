import { PresalesScreen } from "@/components/presales-screen";

export default function PresalesPage() {
  return <PresalesScreen />;
}
