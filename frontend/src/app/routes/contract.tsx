import { useParams } from "react-router-dom";

import { RequireSignIn } from "@/components/RequireSignIn";
import { ContractChatLink } from "@/features/chat/components/ContractChatLink";
import { ContractPage } from "@/features/contracts/components/ContractPage";

export default function ContractRoute() {
  const contractId = Number(useParams().contractId);
  return (
    <RequireSignIn>
      {(me) => (
        <>
          <ContractPage contractId={contractId} firmSlugs={me.firms.map((f) => f.slug)} />
          <ContractChatLink contractId={contractId} />
        </>
      )}
    </RequireSignIn>
  );
}
