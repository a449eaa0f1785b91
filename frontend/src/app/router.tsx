import { createBrowserRouter, type RouteObject } from "react-router-dom";

import { Layout } from "@/app/Layout";
import { RouteError } from "@/app/RouteError";

// Every screen is its own chunk: the first visit downloads the shell and one screen only.
const lazy = (load: () => Promise<{ default: React.ComponentType }>): Pick<RouteObject, "lazy"> => ({
  lazy: async () => ({ Component: (await load()).default }),
});

export const routes: RouteObject[] = [
  {
    element: <Layout />,
    errorElement: <RouteError />,
    children: [
      { index: true, ...lazy(() => import("@/app/routes/landing")) },
      { path: "search/gigs", ...lazy(() => import("@/app/routes/search-gigs")) },
      { path: "search/freelancers", ...lazy(() => import("@/app/routes/search-freelancers")) },
      { path: "login", ...lazy(() => import("@/app/routes/login")) },
      { path: "signup", ...lazy(() => import("@/app/routes/signup")) },
      { path: "verify-email", ...lazy(() => import("@/app/routes/verify-email")) },
      { path: "verify-email/:key", ...lazy(() => import("@/app/routes/verify-email")) },
      { path: "password/reset", ...lazy(() => import("@/app/routes/password-reset")) },
      { path: "password/reset/:key", ...lazy(() => import("@/app/routes/password-reset")) },
      { path: "welcome", ...lazy(() => import("@/app/routes/welcome")) },
      { path: "me/profile", ...lazy(() => import("@/app/routes/profile-editor")) },
      // Where payout onboarding (Stripe) sends the freelancer back: the payout panel lives here.
      { path: "settings/payouts", ...lazy(() => import("@/app/routes/profile-editor")) },
      { path: "freelancers/:slug", ...lazy(() => import("@/app/routes/freelancer")) },
      { path: "feed", ...lazy(() => import("@/app/routes/feed")) },
      { path: "proposals", ...lazy(() => import("@/app/routes/my-proposals")) },
      { path: "firms/new", ...lazy(() => import("@/app/routes/firm-new")) },
      { path: "firms/:slug", ...lazy(() => import("@/app/routes/firm")) },
      { path: "gigs/new", ...lazy(() => import("@/app/routes/gig-new")) },
      { path: "gigs/:gigId", ...lazy(() => import("@/app/routes/gig")) },
      { path: "gigs/:gigId/edit", ...lazy(() => import("@/app/routes/gig-edit")) },
      { path: "contracts", ...lazy(() => import("@/app/routes/contracts")) },
      { path: "contracts/:contractId", ...lazy(() => import("@/app/routes/contract")) },
      { path: "chat", ...lazy(() => import("@/app/routes/chat")) },
      { path: "chat/:conversationId", ...lazy(() => import("@/app/routes/chat")) },
      { path: "notifications", ...lazy(() => import("@/app/routes/notifications")) },
      { path: "settings", ...lazy(() => import("@/app/routes/settings")) },
      { path: "reports", ...lazy(() => import("@/app/routes/reports")) },
      { path: "*", ...lazy(() => import("@/app/routes/not-found")) },
    ],
  },
];

export const router = createBrowserRouter(routes);
