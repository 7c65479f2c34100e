// The framework's floor for `npm run bench`: a Probot app that registers nothing and does nothing.
export default function noop() {}
