// libyaml (Debian libyaml-dev), the YAML parser under PyYAML and Ruby's Psych: AllianceKit reads
// plugins and pack front matter with its event API (Rules/YAML.swift).
#ifndef ALLIANCE_CLIBYAML_SHIM_H
#define ALLIANCE_CLIBYAML_SHIM_H

#include <yaml.h>

#endif
