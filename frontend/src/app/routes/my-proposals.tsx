import { RequireSignIn } from "@/components/RequireSignIn";
import { MyProposals } from "@/features/proposals/components/MyProposals";

export default function MyProposalsRoute() {
  return <RequireSignIn>{() => <MyProposals />}</RequireSignIn>;
}
