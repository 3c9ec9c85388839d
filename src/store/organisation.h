// A Veilig Thuis organisation as the workspace keeps it: its code, name and region (from
// organisations.csv, import/organisations.h, or `org add`). No person's data.
#ifndef VTAUDIT_ORGANISATION_H_
#define VTAUDIT_ORGANISATION_H_

#include <string>

namespace vtaudit {

struct Organisation {
  std::string code;  // "VT07"
  std::string name;
  std::string region;
  double size_weight = 1;  // relative size, used by the synthetic samples
};

}  // namespace vtaudit

#endif  // VTAUDIT_ORGANISATION_H_
