import { RequireSignIn } from "@/components/RequireSignIn";
import { MyReports } from "@/features/reports/components/MyReports";

export default function ReportsRoute() {
  return <RequireSignIn>{() => <MyReports />}</RequireSignIn>;
}
