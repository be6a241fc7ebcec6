import { AdminScreen } from "@/components/admin-screen";

export default function AdminPage() {
  return <AdminScreen />;
}
