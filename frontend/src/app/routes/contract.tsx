import { useParams } from "react-router-dom";

import { RequireSignIn } from "@/components/RequireSignIn";
import { ContractChatLink } from "@/features/chat/components/ContractChatLink";
import { useContract } from "@/features/contracts/api/contracts";
import { ContractPage } from "@/features/contracts/components/ContractPage";
import { ContractReviews } from "@/features/reviews/components/ContractReviews";

/** Reviews open once the contract has ended (completed or cancelled). */
function Reviews({ contractId }: { contractId: number }) {
  const contract = useContract(contractId);
  const status = contract.data?.status;
  return <ContractReviews contractId={contractId} ended={status === "completed" || status === "cancelled"} />;
}

export default function ContractRoute() {
  const contractId = Number(useParams().contractId);
  return (
    <RequireSignIn>
      {(me) => (
        <>
          <ContractPage contractId={contractId} firmSlugs={me.firms.map((f) => f.slug)} />
          <Reviews contractId={contractId} />
          <ContractChatLink contractId={contractId} />
        </>
      )}
    </RequireSignIn>
  );
}
