/** Types shared by the news-understanding modules; they live with the entity extraction below them. */
export type {
  ArticleAnalysis,
  ArticleInput,
  Catalog,
  CitationFound,
  EntityRef,
  MentionFound,
  OutletRef,
  TopicRef,
} from "../entities/types.js";
