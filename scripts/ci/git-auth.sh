# Sourced by the CI scripts: `git_remote <git args>` runs git with the Jenkins-provided credentials
# (GIT_USERNAME/GIT_TOKEN) handed over by a credential helper that reads the environment, so the
# token is never written to disk or to the remote URL.
git_remote() {
  # shellcheck disable=SC2016 # expanded by the helper's shell, at use
  git -c credential.helper='!f() { echo "username=${GIT_USERNAME}"; echo "password=${GIT_TOKEN}"; }; f' "$@"
}
