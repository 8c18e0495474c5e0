/**
 * The software catalogue of the compliance bench (issue #5), deterministic: ~300 products and their normalization
 * rules, and the pool of ~2,000 distinct installed packages (name, publisher, version) the devices draw from, half
 * of them matched by a rule and the rest the drivers, runtimes and updates every PC reports.
 */

export type Product = { publisher: string; name: string; versioned: boolean };
export type Rule = {
  product: number;
  namePattern: string;
  publisherPattern: string | null;
  versionMin: string | null;
  versionMax: string | null;
  productVersion: string | null;
};
export type Pkg = { name: string; publisher: string; version: string; product: number | null; pv: string | null; popular: boolean };

// Families licensed per version: one product, one rule per version (its name or a version range) giving the version.
const families: [
  publisher: string,
  product: string,
  pkgPublisher: string,
  glob: (y: string) => string,
  pkg: (y: string) => string,
  years: string[],
  builds: string[],
][] = [
  [
    'Microsoft',
    'Office Professional Plus',
    'Microsoft Corporation',
    (y) => `Microsoft Office Professional Plus ${y}*`,
    (y) => `Microsoft Office Professional Plus ${y} - ja-jp`,
    ['2016', '2019', '2021'],
    ['16.0.4266.1001', '16.0.10827.20138', '16.0.14332.20447'],
  ],
  [
    'Microsoft',
    'Office Standard',
    'Microsoft Corporation',
    (y) => `Microsoft Office Standard ${y}*`,
    (y) => `Microsoft Office Standard ${y} - ja-jp`,
    ['2016', '2019', '2021'],
    ['16.0.4266.1001', '16.0.10827.20138', '16.0.14332.20447'],
  ],
  [
    'Microsoft',
    'Office Home and Business',
    'Microsoft Corporation',
    (y) => `Microsoft Office Home and Business ${y}*`,
    (y) => `Microsoft Office Home and Business ${y} - ja-jp`,
    ['2016', '2019', '2021'],
    ['16.0.4266.1001', '16.0.10827.20138', '16.0.14332.20447'],
  ],
  [
    'Microsoft',
    'Visio Professional',
    'Microsoft Corporation',
    (y) => `Microsoft Visio Professional ${y}*`,
    (y) => `Microsoft Visio Professional ${y} - ja-jp`,
    ['2016', '2019', '2021'],
    ['16.0.4266.1001', '16.0.10827.20138', '16.0.14332.20447'],
  ],
  [
    'Microsoft',
    'Visio Standard',
    'Microsoft Corporation',
    (y) => `Microsoft Visio Standard ${y}*`,
    (y) => `Microsoft Visio Standard ${y} - ja-jp`,
    ['2019', '2021'],
    ['16.0.10827.20138', '16.0.14332.20447'],
  ],
  [
    'Microsoft',
    'Project Professional',
    'Microsoft Corporation',
    (y) => `Microsoft Project Professional ${y}*`,
    (y) => `Microsoft Project Professional ${y} - ja-jp`,
    ['2016', '2019', '2021'],
    ['16.0.4266.1001', '16.0.10827.20138', '16.0.14332.20447'],
  ],
  [
    'Microsoft',
    'Project Standard',
    'Microsoft Corporation',
    (y) => `Microsoft Project Standard ${y}*`,
    (y) => `Microsoft Project Standard ${y} - ja-jp`,
    ['2019', '2021'],
    ['16.0.10827.20138', '16.0.14332.20447'],
  ],
  [
    'Microsoft',
    'Visual Studio Professional',
    'Microsoft Corporation',
    (y) => `Visual Studio Professional ${y}*`,
    (y) => `Visual Studio Professional ${y}`,
    ['2019', '2022'],
    ['16.11.34', '17.8.3'],
  ],
  [
    'Adobe',
    'Acrobat',
    'Adobe Systems Incorporated',
    (y) => `Adobe Acrobat ${y}*`,
    (y) => `Adobe Acrobat ${y}`,
    ['2017', '2020'],
    ['17.011.30207', '20.005.30636'],
  ],
  ['Adobe', 'Photoshop', 'Adobe Inc.', (y) => `Adobe Photoshop ${y}*`, (y) => `Adobe Photoshop ${y}`, ['2023', '2024', '2025'], ['24.7.1', '25.9.1', '26.2.0']],
  [
    'Adobe',
    'Illustrator',
    'Adobe Inc.',
    (y) => `Adobe Illustrator ${y}*`,
    (y) => `Adobe Illustrator ${y}`,
    ['2023', '2024', '2025'],
    ['27.9.1', '28.7.1', '29.2.1'],
  ],
  ['Adobe', 'InDesign', 'Adobe Inc.', (y) => `Adobe InDesign ${y}*`, (y) => `Adobe InDesign ${y}`, ['2023', '2024'], ['18.5.2', '19.5.0']],
  ['Adobe', 'Premiere Pro', 'Adobe Inc.', (y) => `Adobe Premiere Pro ${y}*`, (y) => `Adobe Premiere Pro ${y}`, ['2023', '2024'], ['23.6.0', '24.6.1']],
  ['JUSTSYSTEMS', '一太郎', 'JUSTSYSTEMS CORPORATION', (y) => `一太郎${y}*`, (y) => `一太郎${y}`, ['2022', '2023', '2024'], ['32.0.1', '33.0.2', '34.0.1']],
  [
    'Autodesk',
    'AutoCAD LT',
    'Autodesk, Inc.',
    (y) => `AutoCAD LT ${y}*`,
    (y) => `AutoCAD LT ${y} - 日本語 (Japanese)`,
    ['2022', '2023', '2024'],
    ['25.0.58.0', '26.0.55.0', '27.0.37.0'],
  ],
  [
    'Autodesk',
    'AutoCAD',
    'Autodesk, Inc.',
    (y) => `AutoCAD ${y}*`,
    (y) => `AutoCAD ${y} - 日本語 (Japanese)`,
    ['2022', '2023', '2024'],
    ['S.51.0.0', 'T.114.0.0', 'U.152.0.0'],
  ],
  [
    'Dassault Systemes',
    'SOLIDWORKS',
    'Dassault Systemes SolidWorks Corp',
    (y) => `SOLIDWORKS ${y}*`,
    (y) => `SOLIDWORKS ${y} SP05`,
    ['2022', '2023', '2024'],
    ['30.5.0.0045', '31.5.0.0048', '32.3.0.0071'],
  ],
  [
    'Claris',
    'FileMaker Pro',
    'Claris International Inc.',
    (y) => `FileMaker Pro ${y}*`,
    (y) => `FileMaker Pro ${y}`,
    ['19', '2023', '2024'],
    ['19.6.3.302', '20.3.2.201', '21.0.1.51'],
  ],
  [
    'Corel',
    'CorelDRAW Graphics Suite',
    'Corel Corporation',
    (y) => `CorelDRAW Graphics Suite ${y}*`,
    (y) => `CorelDRAW Graphics Suite ${y} (64-Bit)`,
    ['2021', '2023', '2024'],
    ['23.5.0.506', '24.5.0.731', '25.0.0.230'],
  ],
  [
    'MathWorks',
    'MATLAB',
    'MathWorks',
    (y) => `MATLAB R${y}*`,
    (y) => `MATLAB R${y}b`,
    ['2022', '2023', '2024'],
    ['9.13.0.2049777', '23.2.0.2365128', '24.2.0.2712019'],
  ],
  ['弥生', '弥生会計', '弥生株式会社', (y) => `弥生会計 ${y}*`, (y) => `弥生会計 ${y} プロフェッショナル`, ['22', '23', '24'], ['28.1.1', '29.1.2', '30.0.1']],
  ['PCA', 'PCA会計', 'PCA Corporation', (y) => `PCA会計DX ${y}*`, (y) => `PCA会計DX ${y}`, ['2022', '2023'], ['21.02', '22.01']],
];
// Licensed per major version through version ranges on one name.
const ranged: [publisher: string, product: string, glob: string, majors: string[]][] = [
  ['VMware', 'VMware Workstation Pro', 'VMware Workstation*', ['15', '16', '17']],
  ['Oracle', 'Oracle Database Client', 'Oracle Client*', ['12', '19', '21']],
];
const vendors = [
  'Cybozu',
  'Sansan',
  'OBIC',
  'Fujitsu',
  'NEC',
  'Hitachi',
  'Canon',
  'RICOH',
  'SKYSEA',
  'Trend Micro',
  'Cisco',
  'Citrix',
  'SAP',
  'IBM',
  'Zoom',
  'Box',
  'TeamViewer',
  'Splashtop',
  'Tableau',
  'Qlik',
  'JetBrains',
  'Wingarc',
  'Kintone',
];
const nouns = ['Client', 'Desktop', 'Viewer', 'Designer', 'Agent', 'Connector', 'Studio', 'Analyzer', 'Manager', 'Reporter', 'Workspace', 'Assistant'];
// The unmapped rest: what every Windows PC reports besides licensed software.
const noise: ((i: number) => [string, string, string])[] = [
  (i) => [
    `Microsoft Visual C++ ${[2008, 2010, 2012, 2013, 2015][i % 5]} Redistributable (x${i % 2 ? 64 : 86}) - ${9 + (i % 6)}.0.${30000 + i * 7}`,
    'Microsoft Corporation',
    `${9 + (i % 6)}.0.${30000 + i * 7}`,
  ],
  (i) => [`Update for Microsoft Windows (KB${5000000 + i * 131})`, 'Microsoft Corporation', '10.0.1'],
  (i) => [
    `Intel(R) ${['Chipset Device Software', 'Management Engine Components', 'Serial IO', 'Rapid Storage Technology', 'Graphics Driver'][i % 5]}`,
    'Intel Corporation',
    `${10 + (i % 20)}.${i % 7}.${1000 + i}.${i % 13}`,
  ],
  (i) => [
    `Realtek ${['High Definition Audio Driver', 'Card Reader', 'Ethernet Controller Driver'][i % 3]}`,
    'Realtek Semiconductor Corp.',
    `6.0.${9000 + i}.1`,
  ],
  (i) => [`NVIDIA Graphics Driver ${500 + (i % 60)}.${10 + (i % 90)}`, 'NVIDIA Corporation', `${500 + (i % 60)}.${10 + (i % 90)}`],
  (i) => [
    `Microsoft .NET ${['Runtime', 'Desktop Runtime', 'Windows Desktop Runtime', 'Host FX Resolver'][i % 4]} - ${6 + (i % 3)}.0.${i % 40} (x64)`,
    'Microsoft Corporation',
    `${6 + (i % 3)}.0.${i % 40}.${30000 + i}`,
  ],
  (i) => [
    `Dell ${['Command | Update', 'SupportAssist', 'Optimizer', 'Power Manager', 'Peripheral Manager'][i % 5]}`,
    'Dell Inc.',
    `${3 + (i % 4)}.${i % 10}.${i % 100}`,
  ],
  (i) => [
    `HP ${['Wolf Security', 'Support Assistant', 'Hotkey Support', 'Notifications', 'Connection Optimizer'][i % 5]}`,
    'HP Inc.',
    `${4 + (i % 5)}.${i % 12}.${i}.0`,
  ],
  (i) => [`Microsoft Edge WebView2 Runtime`, 'Microsoft Corporation', `1${20 + (i % 12)}.0.${2000 + i}.${i % 100}`],
  (i) => [
    `Windows Driver Package - ${['Lenovo', 'Synaptics', 'Elan', 'Broadcom', 'Qualcomm'][i % 5]} (${['System', 'HIDClass', 'Net', 'Bluetooth', 'USB'][(i >> 2) % 5]}) ${i}`,
    'Windows Driver Package',
    `${i % 20}.${i % 9}.0.${i}`,
  ],
];

export function softwareCatalog() {
  const products: Product[] = [];
  const rules: Rule[] = [];
  const pkgs: Pkg[] = [];
  families.forEach(([publisher, name, pkgPublisher, glob, pkg, years, builds], f) => {
    const p = products.push({ publisher, name, versioned: true }) - 1;
    years.forEach((y, k) => {
      rules.push({ product: p, namePattern: glob(y), publisherPattern: `${publisher}*`, versionMin: null, versionMax: null, productVersion: y });
      // Two builds of each version: the release and a patched one.
      pkgs.push({ name: pkg(y), publisher: pkgPublisher, version: builds[k], product: p, pv: y, popular: f === 0 });
      pkgs.push({ name: pkg(y), publisher: pkgPublisher, version: `${builds[k]}.1`, product: p, pv: y, popular: f === 0 });
    });
  });
  for (const [publisher, name, glob, majors] of ranged) {
    const p = products.push({ publisher, name, versioned: true }) - 1;
    for (const m of majors) {
      rules.push({ product: p, namePattern: glob, publisherPattern: null, versionMin: m, versionMax: `${m}.99999`, productVersion: m });
      pkgs.push({ name: `${glob.replace('*', '')} ${m}`, publisher, version: `${m}.0.2`, product: p, pv: m, popular: false });
      pkgs.push({ name: glob.replace('*', ''), publisher, version: `${m}.5.1`, product: p, pv: m, popular: false });
    }
  }
  let s = 0;
  for (const v of vendors)
    for (const n of nouns) {
      const p = products.push({ publisher: v, name: `${v} ${n}`, versioned: false }) - 1;
      rules.push({ product: p, namePattern: `${v} ${n}*`, publisherPattern: s % 2 ? `${v}*` : null, versionMin: null, versionMax: null, productVersion: null });
      const popular = s < 10;
      const publisher = s % 3 ? `${v} Inc.` : `${v} Co., Ltd.`;
      pkgs.push({ name: `${v} ${n}`, publisher, version: `${1 + (s % 9)}.${s % 10}.${100 + s}`, product: p, pv: null, popular });
      pkgs.push({ name: `${v} ${n}`, publisher, version: `${2 + (s % 9)}.0.${s}`, product: p, pv: null, popular });
      pkgs.push({ name: `${v} ${n} (x64)`, publisher, version: `${2 + (s % 9)}.1.${s}`, product: p, pv: null, popular });
      // Every third product was renamed once: a second rule maps the old name.
      if (s % 3 === 0) {
        rules.push({ product: p, namePattern: `${v}${n.toLowerCase()}*`, publisherPattern: null, versionMin: null, versionMax: null, productVersion: null });
        pkgs.push({ name: `${v}${n.toLowerCase()} ${1 + (s % 4)}`, publisher, version: `${1 + (s % 4)}.0`, product: p, pv: null, popular: false });
      }
      s++;
    }
  const mapped = pkgs.length;
  for (let i = 0; pkgs.length < 2 * mapped; i++) {
    const [name, publisher, version] = noise[i % noise.length](Math.floor(i / noise.length));
    // The first 64 noise packages are the runtimes and drivers every PC of the fleet has.
    pkgs.push({ name, publisher, version, product: null, pv: null, popular: i < 64 });
  }
  const unique = [...new Map(pkgs.map((p) => [`${p.name}\u0000${p.publisher}\u0000${p.version}`, p])).values()];
  return { products, rules, pkgs: unique };
}
