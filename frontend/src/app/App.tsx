import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { RouterProvider } from "react-router-dom";

import { router } from "@/app/router";
import { ApiError } from "@/lib/api-client";

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // 4xx answers are final; only network and server errors are worth one retry.
      retry: (count, error) => count < 1 && !(error instanceof ApiError && error.status < 500 && error.status > 0),
      refetchOnWindowFocus: false,
    },
  },
});

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}
