// The one-click filter of the header's count: detections nobody triaged. Apart from filesQuery.ts (which re-exports
// it): the header is drawn at start, and filesQuery's zod schemas are not needed before the Files view opens.
export const UNTRIAGED_QUERY = 'triage=new&state=detected';
