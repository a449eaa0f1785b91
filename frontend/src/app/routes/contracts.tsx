import { RequireSignIn } from "@/components/RequireSignIn";
import { ContractList } from "@/features/contracts/components/ContractPage";

export default function ContractsRoute() {
  return <RequireSignIn>{() => <ContractList />}</RequireSignIn>;
}
