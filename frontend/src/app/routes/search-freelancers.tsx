import { FreelancerSearch } from "@/features/search/components/SearchPage";

export default function SearchFreelancersRoute() {
  return <FreelancerSearch />;
}
