import { RequireSignIn } from "@/components/RequireSignIn";
import { NewFirm } from "@/features/firms/components/FirmPage";

export default function FirmNewRoute() {
  return <RequireSignIn>{(me) => <NewFirm zone={me.time_zone || "UTC"} />}</RequireSignIn>;
}
