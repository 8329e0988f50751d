/**
 * The Kubernetes CEL libraries the API server enables for CRD validation rules, as
 * @bufbuild/cel functions. Each file is one upstream library; what none of them defines
 * stays unknown to the compiler (cel-rules.ts), so a rule calling it is reported as not
 * evaluated.
 */
import type { CelFunc } from "@bufbuild/cel";
import { CIDR_LIBRARY } from "./cidr.js";
import { meterFunction } from "./cost.js";
import { IP_LIBRARY } from "./ip.js";
import { LISTS_LIBRARY } from "./lists.js";
import { QUANTITY_LIBRARY } from "./quantity.js";
import { REGEX_LIBRARY } from "./regex.js";
import { URLS_LIBRARY } from "./urls.js";

export { meteredFunctions } from "./metered-functions.js";
export { OPAQUE_TYPES_REGISTRY } from "./opaque-type.js";

export const KUBERNETES_CEL_LIBRARIES: readonly CelFunc[] = [...REGEX_LIBRARY, ...LISTS_LIBRARY, ...QUANTITY_LIBRARY, ...IP_LIBRARY, ...CIDR_LIBRARY, ...URLS_LIBRARY, meterFunction];
