import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router-dom";

import { ErrorNotice, Loading } from "@/components/States";
import { useMe, type Me } from "@/lib/session";

/** Renders its children with the signed-in user, or sends a visitor to the login page. */
export function RequireSignIn({ children }: { children: (me: Me) => ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (me.isLoading) return <Loading />;
  if (me.error) return <ErrorNotice error={me.error} />;
  if (!me.data) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  return <>{children(me.data)}</>;
}
