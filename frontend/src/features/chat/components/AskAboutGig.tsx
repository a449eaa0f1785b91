import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router-dom";

import { ErrorNotice } from "@/components/States";
import { useStartConversation } from "@/features/chat/api/chat";

export function AskAboutGig({ gigId }: { gigId: number }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const start = useStartConversation();
  return (
    <p>
      <button
        type="button"
        className="button button--secondary"
        disabled={start.isPending}
        onClick={() => start.mutate({ gig_id: gigId }, { onSuccess: (c) => navigate(`/chat/${c.id}`) })}
      >
        {t("chat.ask")}
      </button>
      {start.error ? <ErrorNotice error={start.error} /> : null}
    </p>
  );
}
