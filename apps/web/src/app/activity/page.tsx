import { ActivityScreen } from "@/components/activity-screen";

export default function ActivityPage() {
  return <ActivityScreen />;
}
