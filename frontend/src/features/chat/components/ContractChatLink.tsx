import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";

import { useConversations } from "@/features/chat/api/chat";

export function ContractChatLink({ contractId }: { contractId: number }) {
  const { t } = useTranslation();
  const list = useConversations();
  const conversation = list.data?.results.find((c) => c.contract === contractId);
  if (!conversation) return null;
  return (
    <Link className="button button--secondary" to={`/chat/${conversation.id}`}>
      {t("chat.openContractChat")}
    </Link>
  );
}
