// Grounded replies for the fake LLM: a function of the request, so every citation names an artifact the
// user really has (the prompt carries the selected artifacts as compact JSON with their ids).

/** The first JSON array of objects with an `id` in the prompt, parsed; [] when there is none. */
export function artifactsInPrompt(prompt) {
  let from = prompt.indexOf('[{"id":');
  while (from !== -1) {
    const end = matchingBracket(prompt, from);
    if (end !== -1) {
      try {
        const parsed = JSON.parse(prompt.slice(from, end + 1));
        if (Array.isArray(parsed) && parsed.length > 0) return parsed;
      } catch {}
    }
    from = prompt.indexOf('[{"id":', from + 1);
  }
  return [];
}

/** Index of the bracket closing the one at `start`, skipping JSON strings; -1 when unbalanced. */
function matchingBracket(text, start) {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

const item = (partial) => ({
  title: null,
  subtitle: null,
  dates: null,
  text: null,
  bullets: [],
  skills: [],
  sources: [],
  ...partial,
});

/** Which document the request asks for: the structured-output schema name, else the prompt's wording. */
export function kindOf(req) {
  const schemaName =
    req.body?.response_format?.json_schema?.name ?? req.body?.tool_choice?.name ?? req.body?.tools?.[0]?.name;
  if (typeof schemaName === 'string') return schemaName.startsWith('cover') ? 'cover-letter' : 'cv';
  return /cover letter/i.test(req.prompt) ? 'cover-letter' : 'cv';
}

/**
 * The reply: the first artifact's own title and summary, cited by its real id (no skills, dates or figures of
 * the model's own, so the grounding check has nothing to drop and no repair request is sent).
 */
export function groundedReply(req) {
  const [a] = artifactsInPrompt(req.prompt);
  if (!a) return { text: 'no artifacts in the prompt' };
  const cite = [{ artifactId: a.id, evidenceIds: [] }];
  if (kindOf(req) === 'cover-letter') {
    return {
      json: {
        sections: [
          {
            id: 'greeting',
            kind: 'greeting',
            heading: '',
            items: [item({ id: 'greeting', text: 'Dear hiring team,' })],
          },
          {
            id: 'body',
            kind: 'body',
            heading: '',
            items: [item({ id: 'body-1', text: a.summary, sources: cite })],
          },
          {
            id: 'closing',
            kind: 'closing',
            heading: '',
            items: [item({ id: 'closing', text: 'Kind regards' })],
          },
        ],
      },
    };
  }
  return {
    json: {
      sections: [
        {
          id: 'summary',
          kind: 'summary',
          heading: 'Summary',
          items: [item({ id: 'summary', text: a.summary, sources: cite })],
        },
        {
          id: 'experience',
          kind: 'experience',
          heading: 'Experience',
          items: [item({ id: 'exp-1', title: a.title, bullets: [a.summary], sources: cite })],
        },
      ],
    },
  };
}
