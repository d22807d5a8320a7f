import { searchCountries } from "@trip/shared";
import { createRoot } from "react-dom/client";
const root = document.getElementById("root");
if (root) createRoot(root).render(<p>{searchCountries("일본").map((c) => c.nameEn).join(",")}</p>);
