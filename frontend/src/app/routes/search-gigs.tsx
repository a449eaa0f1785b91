import { GigSearch } from "@/features/search/components/SearchPage";

export default function SearchGigsRoute() {
  return <GigSearch />;
}
