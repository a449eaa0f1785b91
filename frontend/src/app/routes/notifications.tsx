import { RequireSignIn } from "@/components/RequireSignIn";
import { NotificationCentre } from "@/features/notifications/components/NotificationCentre";

export default function NotificationsRoute() {
  return <RequireSignIn>{() => <NotificationCentre />}</RequireSignIn>;
}
