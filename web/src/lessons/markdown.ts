// Lesson text as markdown, rendered by react-markdown into React elements: no string ever
// becomes markup. Raw HTML in the text is dropped (skipHtml), images are not loaded (a lesson
// shows the learner's world, not pictures from elsewhere), and link targets pass
// react-markdown's own URL filter (javascript: and other unsafe schemes become empty), opening
// in a new tab so the session stays where it is.
import { createElement, type ReactElement, type ReactNode } from "react";
import Markdown, { type Components } from "react-markdown";
// GitHub-flavoured markdown: the lessons lay out their timelines and figures as tables.
import remarkGfm from "remark-gfm";

const remarkPlugins = [remarkGfm];

const components: Components = {
  a: ({ href, children }) => createElement("a", { href, target: "_blank", rel: "noopener noreferrer" }, children),
};

/** Block markdown (paragraphs, lists, code, headings). */
export function LessonMarkdown({ text }: { text: string }): ReactElement {
  return createElement("div", { className: "md" }, createElement(Markdown, { skipHtml: true, disallowedElements: ["img"], remarkPlugins, components }, text));
}

/** One line of inline markdown (code spans, emphasis, links): a question or a choice. */
export function InlineMarkdown({ text }: { text: string }): ReactElement {
  const inline: Components = { ...components, p: ({ children }: { children?: ReactNode }) => createElement("span", null, children) };
  return createElement(Markdown, { skipHtml: true, allowedElements: ["p", "code", "em", "strong", "a", "del"], unwrapDisallowed: true, remarkPlugins, components: inline }, text);
}
