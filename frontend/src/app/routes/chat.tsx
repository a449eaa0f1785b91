import { useParams } from "react-router-dom";

import { RequireSignIn } from "@/components/RequireSignIn";
import { ChatPage } from "@/features/chat/components/ChatPage";

export default function ChatRoute() {
  const { conversationId } = useParams();
  return <RequireSignIn>{(me) => <ChatPage conversationId={conversationId ? Number(conversationId) : null} myUserId={me.id} />}</RequireSignIn>;
}
