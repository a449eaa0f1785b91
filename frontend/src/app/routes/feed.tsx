import { RequireSignIn } from "@/components/RequireSignIn";
import { GigFeed } from "@/features/freelancers/components/GigFeed";

export default function FeedRoute() {
  return <RequireSignIn>{() => <GigFeed />}</RequireSignIn>;
}
