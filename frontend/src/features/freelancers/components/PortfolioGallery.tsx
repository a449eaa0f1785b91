import { useTranslation } from "react-i18next";

import type { PortfolioItem } from "@/features/freelancers/api/media";
import { thumbnail } from "@/features/freelancers/components/MediaEditor";

/** The public profile's portfolio: medium thumbnails, each opening the full image. */
export function PortfolioGallery({ items }: { items: PortfolioItem[] }) {
  const { t } = useTranslation();
  if (items.length === 0) return null;
  return (
    <section aria-labelledby="portfolio-gallery">
      <h2 id="portfolio-gallery">{t("media.portfolio")}</h2>
      <ul className="gallery" data-testid="portfolio-gallery">
        {items.map((item) => (
          <li key={item.id}>
            <figure>
              <a href={item.image.url} target="_blank" rel="noopener noreferrer">
                <img src={thumbnail(item.image, "medium")} alt={item.caption || t("media.untitled", { n: item.position + 1 })} loading="lazy" />
              </a>
              <figcaption>
                {item.caption}
                {item.link && (
                  <>
                    {" "}
                    <a href={item.link} rel="noopener noreferrer nofollow">
                      {t("media.visit")}
                    </a>
                  </>
                )}
              </figcaption>
            </figure>
          </li>
        ))}
      </ul>
    </section>
  );
}
