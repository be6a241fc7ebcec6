// The collectible-gift catalog the market seed fills: Telegram-style
// collections, each with its models, plus the backdrops and symbols every collection draws from.
// Pure data, typed and deterministic. Rarity is in permille, the share a Telegram gift page shows
// ("1.2%" = 12‰): lower is rarer, and random picks are weighted by it.

export interface CatalogModel {
  name: string;
  /** Share of the collection with this model, permille (5–40 usual, 1–5 rare). */
  rarityPermille: number;
}

export interface CatalogGift {
  slug: string;
  title: string;
  /** Emoji the app draws (no outside CDN). */
  glyph: string;
  /** How many exist on Telegram. */
  supply: number;
  /**
   * When Telegram lets the gift be transferred: an ISO date in the past for tradable collections; for
   * new ones (traded as presales) either `null` (date not announced) or some days after seeding.
   */
  transferableAt: string | { inDays: number } | null;
  /** Typical floor price in TON, the base the seed prices listings and sales from. */
  floorTon: number;
  /** Log-drift of the price over the last 90 days (0.4 ≈ +49%, −0.2 ≈ −18%): gives charts a shape. */
  trend90d: number;
  models: readonly CatalogModel[];
}

export interface CatalogBackdrop {
  name: string;
  /** #rrggbb colours: radial gradient centre and edge, the pattern tint, the text on top. */
  centerColor: string;
  edgeColor: string;
  patternColor: string;
  textColor: string;
  rarityPermille: number;
}

export interface CatalogSymbol {
  name: string;
  glyph: string;
  rarityPermille: number;
}

type M = readonly [name: string, rarityPermille: number];
const models = (...list: M[]): CatalogModel[] => list.map(([name, rarityPermille]) => ({ name, rarityPermille }));

export const CATALOG_GIFTS: readonly CatalogGift[] = [
  {
    slug: "plush-pepe", title: "Plush Pepe", glyph: "🐸", supply: 2_866, transferableAt: "2024-11-16T12:00:00Z", floorTon: 4_500, trend90d: 0.35,
    models: models(["Cozy Galaxy", 2], ["Gucci Leap", 3], ["Pumpkin", 5], ["Emerald Plush", 8], ["Midas Pepe", 2], ["Aqua Plush", 12], ["Ninja Mike", 15], ["Bavaria", 18], ["Santa Pepe", 10], ["Sunset", 20], ["Two Face", 6], ["Frozen", 14], ["Hot Head", 25], ["Raphael", 22], ["Steel Frog", 28], ["Pepe Classic", 40]),
  },
  {
    slug: "durovs-cap", title: "Durov's Cap", glyph: "🧢", supply: 5_742, transferableAt: "2024-11-16T12:00:00Z", floorTon: 620, trend90d: 0.22,
    models: models(["Fresh Cut", 3], ["Pavel's Own", 2], ["Night Rider", 8], ["Denim", 20], ["Tiger Stripe", 12], ["Camo", 25], ["Burgundy", 30], ["Space Cadet", 6], ["Paper Plane", 10], ["Golden Visor", 4], ["Snowcap", 18], ["Retro Wave", 22], ["Classic Blue", 40]),
  },
  {
    slug: "precious-peach", title: "Precious Peach", glyph: "🍑", supply: 2_978, transferableAt: "2024-11-16T12:00:00Z", floorTon: 280, trend90d: 0.1,
    models: models(["Impeached", 2], ["Cyberpeach", 5], ["Juicy", 30], ["Velvet", 25], ["Golden Fuzz", 4], ["Peach Melba", 15], ["Sunrise", 20], ["Bubblegum", 18], ["Frosted", 10], ["Bitten", 12], ["Pink Lady", 28], ["Orchard", 35]),
  },
  {
    slug: "heart-locket", title: "Heart Locket", glyph: "💝", supply: 1_998, transferableAt: "2025-02-14T12:00:00Z", floorTon: 1_400, trend90d: 0.28,
    models: models(["Dragon Heart", 2], ["Rose Gold", 8], ["Silver Promise", 20], ["Ruby Core", 5], ["Forever", 25], ["Vintage Brass", 30], ["Midnight Kiss", 12], ["Frozen Heart", 10], ["Pearl Inlay", 15], ["Cupid", 18], ["Enamel Red", 35]),
  },
  {
    slug: "signet-ring", title: "Signet Ring", glyph: "💍", supply: 18_430, transferableAt: "2024-11-16T12:00:00Z", floorTon: 26, trend90d: -0.08,
    models: models(["Lion Crest", 4], ["Onyx Seal", 12], ["Emperor", 3], ["Family Crest", 25], ["Serpent", 10], ["Black Knight", 8], ["Silver Eagle", 20], ["Rose Seal", 18], ["Anchor", 28], ["Skull & Bones", 6], ["Old Gold", 35], ["Laurel", 22], ["Moonstone", 15]),
  },
  {
    slug: "loot-bag", title: "Loot Bag", glyph: "💰", supply: 11_560, transferableAt: "2024-11-16T12:00:00Z", floorTon: 72, trend90d: 0.05,
    models: models(["Dragon Hoard", 2], ["Bank Heist", 5], ["Pirate Chest", 10], ["Gold Rush", 8], ["Coin Purse", 30], ["Treasure", 20], ["Cyber Loot", 12], ["Moneybag", 35], ["Jackpot", 6], ["Sack of TON", 15], ["Robin Hood", 18], ["Gem Pouch", 25]),
  },
  {
    slug: "eternal-rose", title: "Eternal Rose", glyph: "🌹", supply: 24_870, transferableAt: "2024-11-16T12:00:00Z", floorTon: 22, trend90d: -0.12,
    models: models(["Black Pearl", 3], ["Ruby Glass", 6], ["Frozen Bloom", 10], ["Red Velvet", 35], ["White Silk", 25], ["Neon Thorn", 8], ["Gold Leaf", 5], ["Blue Moon", 12], ["Wild Rose", 30], ["Scarlet", 28], ["Porcelain", 15], ["Dusk", 20], ["Bleeding Heart", 4], ["Stardust", 7]),
  },
  {
    slug: "swiss-watch", title: "Swiss Watch", glyph: "⌚", supply: 25_120, transferableAt: "2024-11-16T12:00:00Z", floorTon: 28, trend90d: 0.04,
    models: models(["Skeleton", 4], ["Tourbillon", 2], ["Diver", 20], ["Aviator", 25], ["Rose Gold", 12], ["Chronograph", 30], ["Moonphase", 6], ["Steel Classic", 38], ["Racing", 18], ["Tuxedo", 15], ["Sapphire", 10], ["Pilot Black", 22], ["Gold Bezel", 8]),
  },
  {
    slug: "genie-lamp", title: "Genie Lamp", glyph: "🪔", supply: 19_380, transferableAt: "2024-11-16T12:00:00Z", floorTon: 45, trend90d: 0.15,
    models: models(["Three Wishes", 3], ["Sultan", 6], ["Brass Classic", 38], ["Arabian Nights", 20], ["Emerald Smoke", 10], ["Desert Sun", 28], ["Ghost Lamp", 8], ["Silver Spout", 25], ["Magic Carpet", 12], ["Djinn", 4], ["Bazaar", 32], ["Cobalt", 15], ["Oasis", 22]),
  },
  {
    slug: "astral-shard", title: "Astral Shard", glyph: "💠", supply: 13_440, transferableAt: "2024-12-20T12:00:00Z", floorTon: 95, trend90d: 0.42,
    models: models(["Supernova", 2], ["Nebula", 8], ["Comet Tail", 15], ["Dark Matter", 4], ["Quasar", 6], ["Stellar Blue", 28], ["Moon Rock", 35], ["Aurora", 12], ["Pulsar", 10], ["Eclipse", 5], ["Solar Flare", 20], ["Meteorite", 30], ["Cosmic Dust", 38]),
  },
  {
    slug: "ion-gem", title: "Ion Gem", glyph: "🔷", supply: 11_920, transferableAt: "2024-12-20T12:00:00Z", floorTon: 60, trend90d: 0.18,
    models: models(["Plasma", 3], ["Ion Storm", 6], ["Cobalt Cut", 25], ["Voltage", 15], ["Neutron", 5], ["Static Blue", 35], ["Charged", 22], ["Arc Light", 12], ["Cathode", 18], ["Photon", 8], ["Quantum", 2], ["Crystal Core", 30]),
  },
  {
    slug: "mini-oscar", title: "Mini Oscar", glyph: "🏆", supply: 6_120, transferableAt: "2024-11-16T12:00:00Z", floorTon: 110, trend90d: 0.08,
    models: models(["Best Picture", 2], ["Lifetime", 4], ["Golden Boy", 38], ["Red Carpet", 20], ["Silver Screen", 25], ["Director's Cut", 8], ["Blockbuster", 15], ["Indie Darling", 12], ["Noir", 10], ["Premiere", 30], ["Box Office", 22]),
  },
  {
    slug: "perfume-bottle", title: "Perfume Bottle", glyph: "🧴", supply: 20_560, transferableAt: "2024-11-16T12:00:00Z", floorTon: 55, trend90d: -0.05,
    models: models(["Chanel No. 5", 3], ["Midnight Oud", 6], ["Rose Water", 30], ["Vanilla Sky", 25], ["Black Orchid", 8], ["Citrus", 35], ["Amber", 20], ["Lavender", 28], ["Poison Apple", 5], ["Crystal Drop", 12], ["Musk", 22], ["Jasmine", 18], ["Gold Atomizer", 4], ["Ocean Breeze", 15]),
  },
  {
    slug: "magic-potion", title: "Magic Potion", glyph: "🧪", supply: 8_930, transferableAt: "2024-11-16T12:00:00Z", floorTon: 40, trend90d: 0.12,
    models: models(["Elixir of Life", 2], ["Love Potion", 10], ["Poison", 20], ["Mana", 30], ["Healing", 35], ["Invisibility", 6], ["Dragon Blood", 4], ["Frost Brew", 15], ["Witch's Brew", 25], ["Liquid Gold", 5], ["Moonshine", 18], ["Toxic Green", 22]),
  },
  {
    slug: "kissed-frog", title: "Kissed Frog", glyph: "💋", supply: 27_310, transferableAt: "2024-11-16T12:00:00Z", floorTon: 24, trend90d: 0.06,
    models: models(["Prince Charming", 2], ["Royal Frog", 5], ["Lily Pad", 35], ["Toadstool", 25], ["Poison Dart", 8], ["Tree Frog", 30], ["Bullfrog", 28], ["Lipstick", 12], ["Golden Crown", 4], ["Swamp King", 10], ["Tadpole", 38], ["Neon Frog", 15], ["Mossy", 22], ["Amphibian", 20], ["Rainforest", 18]),
  },
  {
    slug: "scared-cat", title: "Scared Cat", glyph: "🙀", supply: 21_780, transferableAt: "2024-11-16T12:00:00Z", floorTon: 30, trend90d: -0.15,
    models: models(["Black Cat", 4], ["Ghost Cat", 6], ["Tabby", 35], ["Siamese", 25], ["Ginger", 32], ["Sphynx", 10], ["Calico", 28], ["Zombie Cat", 5], ["Jumpy", 20], ["Hissing", 22], ["Pumpkin Cat", 8], ["Nine Lives", 3]),
  },
  {
    slug: "homemade-cake", title: "Homemade Cake", glyph: "🎂", supply: 182_640, transferableAt: "2025-01-05T12:00:00Z", floorTon: 2.6, trend90d: -0.2,
    models: models(["Red Velvet", 30], ["Black Forest", 25], ["Cheesecake", 35], ["Tiramisu", 28], ["Carrot", 32], ["Napoleon", 20], ["Rainbow", 10], ["Gold Leaf", 4], ["Birthday Bash", 38], ["Honey Cake", 22], ["Matcha", 12], ["Galaxy Glaze", 5], ["Burnt", 8], ["Strawberry", 36], ["Lemon Drizzle", 26]),
  },
  {
    slug: "vintage-cigar", title: "Vintage Cigar", glyph: "🚬", supply: 30_460, transferableAt: "2024-11-16T12:00:00Z", floorTon: 17, trend90d: -0.1,
    models: models(["Havana", 25], ["Churchill", 12], ["Robusto", 35], ["Corona", 30], ["Don's Choice", 4], ["Gold Band", 8], ["Smoky Jazz", 20], ["Maduro", 28], ["Cohiba Gold", 3], ["Casino", 15], ["Boardroom", 22]),
  },
  {
    slug: "toy-bear", title: "Toy Bear", glyph: "🧸", supply: 48_260, transferableAt: "2025-01-21T12:00:00Z", floorTon: 14, trend90d: 0.2,
    models: models(["Teddy", 38], ["Honey", 30], ["Panda", 20], ["Polar", 22], ["Patchwork", 25], ["Grizzly", 28], ["Gummy Bear", 12], ["Astronaut", 6], ["Pirate", 10], ["Golden Bear", 3], ["Valentine", 15], ["Sleepy", 32], ["Zombie Bear", 5], ["Koala", 18]),
  },
  {
    slug: "diamond-ring", title: "Diamond Ring", glyph: "💎", supply: 41_880, transferableAt: "2024-11-16T12:00:00Z", floorTon: 11, trend90d: -0.04,
    models: models(["Solitaire", 35], ["Princess Cut", 25], ["Pear Drop", 22], ["Halo", 28], ["Black Diamond", 4], ["Pink Star", 3], ["Emerald Cut", 15], ["Vintage", 30], ["Three Stone", 20], ["Blue Hope", 5], ["Eternity", 12], ["Marquise", 18]),
  },
  {
    slug: "top-hat", title: "Top Hat", glyph: "🎩", supply: 46_350, transferableAt: "2024-11-16T12:00:00Z", floorTon: 9, trend90d: 0.02,
    models: models(["Magician", 8], ["Gentleman", 38], ["Mad Hatter", 5], ["Ringmaster", 10], ["Victorian", 28], ["Silk Black", 35], ["Ghost Hat", 4], ["Chimney Sweep", 22], ["Gold Band", 12], ["Patchwork", 25], ["Dandy", 30], ["Leprechaun", 15]),
  },
  {
    slug: "jelly-bunny", title: "Jelly Bunny", glyph: "🐰", supply: 129_700, transferableAt: "2025-01-21T12:00:00Z", floorTon: 3.4, trend90d: -0.18,
    models: models(["Strawberry", 38], ["Lime", 35], ["Blueberry", 30], ["Grape", 28], ["Orange", 36], ["Cola", 22], ["Gold Jelly", 4], ["Rainbow", 8], ["Glow", 10], ["Midnight", 12], ["Sour Apple", 25], ["Cotton Candy", 20], ["Ghost Jelly", 5], ["Lemon", 32], ["Bubblegum", 26]),
  },
  {
    slug: "spy-agaric", title: "Spy Agaric", glyph: "🍄", supply: 96_420, transferableAt: "2025-01-21T12:00:00Z", floorTon: 3.9, trend90d: -0.1,
    models: models(["Agent", 30], ["Double Agent", 12], ["Red Cap", 38], ["Fly Agaric", 35], ["Trench Coat", 20], ["Shadow", 8], ["Golden Spore", 4], ["Night Vision", 10], ["Incognito", 25], ["Bond", 5], ["Mossy", 28], ["Toxic", 22]),
  },
  {
    slug: "record-player", title: "Record Player", glyph: "📻", supply: 38_140, transferableAt: "2024-12-08T12:00:00Z", floorTon: 8, trend90d: 0.07,
    models: models(["Gramophone", 10], ["Jukebox", 8], ["Vinyl Classic", 38], ["DJ Deck", 15], ["Boombox", 20], ["Walnut", 30], ["Retro Red", 28], ["Gold Record", 4], ["Jazz Club", 22], ["Disco", 12], ["Lo-Fi", 25], ["Platinum", 3]),
  },
  {
    slug: "crystal-ball", title: "Crystal Ball", glyph: "🔮", supply: 35_620, transferableAt: "2024-11-16T12:00:00Z", floorTon: 8.5, trend90d: 0.1,
    models: models(["Fortune Teller", 12], ["Seer", 8], ["Clear Quartz", 38], ["Amethyst", 25], ["Smoky", 30], ["Mystic Fog", 20], ["Third Eye", 5], ["Galaxy Orb", 4], ["Witch's Orb", 15], ["Obsidian", 10], ["Moonlit", 22], ["Oracle", 3]),
  },
  {
    slug: "snow-globe", title: "Snow Globe", glyph: "❄️", supply: 69_940, transferableAt: "2024-12-24T12:00:00Z", floorTon: 4.8, trend90d: -0.06,
    models: models(["Winter Village", 35], ["Santa's Sleigh", 20], ["Snowman", 38], ["Polar Bear", 25], ["Northern Lights", 8], ["Ice Castle", 10], ["Reindeer", 28], ["Gingerbread", 30], ["Cabin", 22], ["Blizzard", 12], ["Golden Snow", 4], ["Yeti", 5]),
  },
  {
    slug: "lunar-snake", title: "Lunar Snake", glyph: "🐍", supply: 204_810, transferableAt: "2025-02-05T12:00:00Z", floorTon: 2.1, trend90d: -0.25,
    models: models(["Jade Serpent", 10], ["Golden Coil", 4], ["Paper Lantern", 35], ["Red Envelope", 38], ["Firecracker", 30], ["Lucky Knot", 28], ["Emperor Naga", 3], ["Cobra", 20], ["Python", 25], ["Bamboo", 32], ["Moon Viper", 8], ["Dragon Dance", 12], ["Silk Scale", 22], ["Lotus", 26]),
  },
  {
    slug: "sakura-flower", title: "Sakura Flower", glyph: "🌸", supply: 151_290, transferableAt: "2025-03-20T12:00:00Z", floorTon: 3.2, trend90d: 0.12,
    models: models(["Hanami", 35], ["Pink Cloud", 38], ["Blossom", 36], ["Kyoto Spring", 25], ["Geisha", 10], ["Petal Rain", 28], ["Mount Fuji", 12], ["Moon Garden", 8], ["Golden Sakura", 4], ["Koi Pond", 20], ["Night Bloom", 15], ["Zen", 30], ["Samurai", 5]),
  },
  {
    slug: "b-day-candle", title: "B-Day Candle", glyph: "🕯️", supply: 197_720, transferableAt: "2025-01-05T12:00:00Z", floorTon: 1.9, trend90d: -0.22,
    models: models(["Sparkler", 30], ["Number One", 35], ["Party Stripe", 38], ["Melted", 25], ["Gold Wax", 5], ["Rainbow", 12], ["Trick Candle", 20], ["Pastel", 32], ["Neon Flame", 10], ["Blue Flame", 8], ["Vanilla", 36], ["Eternal Flame", 3]),
  },
  {
    slug: "hex-pot", title: "Hex Pot", glyph: "⚗️", supply: 94_500, transferableAt: "2024-12-08T12:00:00Z", floorTon: 3.5, trend90d: -0.05,
    models: models(["Cauldron", 38], ["Bubbling Green", 35], ["Eye of Newt", 20], ["Pumpkin Brew", 28], ["Bone Broth", 25], ["Witch Hat", 15], ["Purple Haze", 22], ["Cursed Gold", 4], ["Spider Web", 12], ["Black Cat", 8], ["Voodoo", 5], ["Moon Stew", 30]),
  },
  {
    slug: "desk-calendar", title: "Desk Calendar", glyph: "📅", supply: 168_300, transferableAt: "2025-01-01T12:00:00Z", floorTon: 2.3, trend90d: -0.14,
    models: models(["New Year", 30], ["Leap Day", 4], ["Office", 38], ["Retro Flip", 28], ["Deadline", 25], ["Weekend", 35], ["Holiday", 20], ["Friday 13th", 5], ["Golden Date", 3], ["Planner", 32], ["Moon Phase", 10], ["Birthday", 22], ["Vacation", 15]),
  },
  {
    slug: "lol-pop", title: "Lol Pop", glyph: "🍭", supply: 210_000, transferableAt: "2025-01-05T12:00:00Z", floorTon: 1.7, trend90d: -0.3,
    models: models(["Swirl", 38], ["Cherry", 36], ["Blue Razz", 35], ["Sour Melon", 30], ["Cola", 28], ["Rainbow", 20], ["Chupa", 25], ["Gold Stick", 4], ["Galaxy", 8], ["Glow Pop", 10], ["Spicy", 12], ["Diamond Pop", 3], ["Grape", 32]),
  },
  // New gifts Telegram has not let anyone transfer yet: traded as presales only.
  {
    slug: "victory-medal", title: "Victory Medal", glyph: "🎖️", supply: 86_400, transferableAt: { inDays: 14 }, floorTon: 6.5, trend90d: 0,
    models: models(["Gold Star", 4], ["Silver Wing", 12], ["Bronze", 38], ["Valor", 20], ["Laurel Wreath", 25], ["Red Ribbon", 30], ["Iron Cross", 8], ["Champion", 5], ["Olympian", 10], ["Purple Heart", 15]),
  },
  {
    slug: "pool-float", title: "Pool Float", glyph: "🛟", supply: 142_000, transferableAt: { inDays: 21 }, floorTon: 3.1, trend90d: 0,
    models: models(["Flamingo", 30], ["Donut", 38], ["Unicorn", 10], ["Swan", 20], ["Watermelon", 35], ["Pizza Slice", 25], ["Golden Duck", 4], ["Shark", 12], ["Lifebuoy", 28], ["Avocado", 22], ["Pineapple", 18]),
  },
  {
    slug: "happy-brownie", title: "Happy Brownie", glyph: "🍫", supply: 120_500, transferableAt: null, floorTon: 2.8, trend90d: 0,
    models: models(["Fudge", 38], ["Walnut", 30], ["Blondie", 25], ["Double Choc", 35], ["Sprinkles", 28], ["Salted Caramel", 20], ["Mint Chip", 15], ["Gold Dust", 4], ["Space Cake", 8], ["Smiley", 22]),
  },
];

type B = readonly [name: string, center: string, edge: string, pattern: string, text: string, rarityPermille: number];
export const CATALOG_BACKDROPS: readonly CatalogBackdrop[] = (
  [
    ["Black", "#363738", "#0e0f0f", "#6c6868", "#ffffff", 12],
    ["Onyx Black", "#4d5159", "#151719", "#8b8e94", "#ffffff", 10],
    ["Midnight Blue", "#5c6a99", "#232a49", "#a4b3e0", "#ffffff", 15],
    ["Electric Purple", "#ca70c6", "#9662d4", "#6a2e8f", "#ffffff", 12],
    ["Emerald", "#78c585", "#3d9b62", "#215c39", "#ffffff", 15],
    ["Pure Gold", "#ccab72", "#b48d48", "#6e4f1d", "#ffffff", 4],
    ["Ivory White", "#ffffff", "#f0ecdd", "#b2a98c", "#4a4030", 8],
    ["Coral Red", "#e47e6b", "#c65b51", "#7f2b25", "#ffffff", 20],
    ["Mint Green", "#7ecb9b", "#4ea57c", "#1d6a47", "#ffffff", 20],
    ["Sapphire", "#58a3c8", "#3b6fb0", "#19356b", "#ffffff", 18],
    ["Ruby", "#c3556f", "#8e2f4b", "#4f0f25", "#ffffff", 12],
    ["Amber", "#dc9e47", "#b9742e", "#6d3f0c", "#ffffff", 20],
    ["Lavender", "#b789e4", "#8f6ac8", "#4c2d82", "#ffffff", 22],
    ["Rose Gold", "#e8b6a8", "#c98b80", "#7b4a43", "#ffffff", 10],
    ["Silver Blue", "#99b3cc", "#7390ad", "#3a5573", "#ffffff", 24],
    ["Tactical Pine", "#6e8e6a", "#4a6146", "#263422", "#ffffff", 22],
    ["Navy Blue", "#6d86b3", "#3c5284", "#1b2b4f", "#ffffff", 24],
    ["Chestnut", "#b87f5c", "#8b5636", "#4d2a14", "#ffffff", 24],
    ["Cobalt Blue", "#4f86d6", "#2e5fad", "#0f3269", "#ffffff", 20],
    ["Caramel", "#d2a26c", "#ad7b45", "#65431b", "#ffffff", 22],
    ["Pistachio", "#b3c97c", "#8aa657", "#4c6324", "#ffffff", 22],
    ["Sky Blue", "#88c8f0", "#5ea6d9", "#2a6a9c", "#ffffff", 26],
    ["Fire Engine", "#f05b4b", "#c6302e", "#700f10", "#ffffff", 14],
    ["Deep Cyan", "#4fb3b8", "#2b8790", "#0c4b52", "#ffffff", 22],
    ["Grape", "#9a6bc6", "#6f449f", "#39195e", "#ffffff", 20],
    ["Seal Brown", "#8a6f5d", "#5e4637", "#2f2019", "#ffffff", 24],
    ["Orange", "#f4a259", "#de7a34", "#8a3f0c", "#ffffff", 26],
    ["Pine Green", "#5aa37a", "#2f7552", "#0f3d27", "#ffffff", 20],
    ["Steel Grey", "#a3aab3", "#7b838d", "#3f454d", "#ffffff", 26],
    ["Battleship Grey", "#8c8f8a", "#676a66", "#363835", "#ffffff", 26],
    ["Carrot Juice", "#f38f4b", "#d9692c", "#7e3210", "#ffffff", 22],
    ["Camo Green", "#8f9a6a", "#6a7449", "#373f20", "#ffffff", 22],
    ["Indigo Dye", "#5b6ba8", "#3a4680", "#1a2249", "#ffffff", 18],
    ["Khaki Green", "#a9a677", "#838052", "#46441f", "#ffffff", 24],
    ["Azure Blue", "#5cb1ea", "#3a8bd0", "#14508a", "#ffffff", 22],
    ["Raspberry", "#dd6a96", "#b8436f", "#6b1737", "#ffffff", 16],
    ["Lemongrass", "#c8cf6a", "#a3aa45", "#5b6018", "#ffffff", 20],
    ["Cappuccino", "#b89d86", "#937861", "#52402f", "#ffffff", 24],
    ["Neon Blue", "#5f8bff", "#3a5dea", "#1a2c9c", "#ffffff", 8],
    ["Platinum", "#d6d9de", "#b0b5bd", "#6c727c", "#2b2f35", 5],
  ] satisfies B[]
).map(([name, centerColor, edgeColor, patternColor, textColor, rarityPermille]) => ({ name, centerColor, edgeColor, patternColor, textColor, rarityPermille }));

type S = readonly [name: string, glyph: string, rarityPermille: number];
export const CATALOG_SYMBOLS: readonly CatalogSymbol[] = (
  [
    ["Star", "⭐", 20],
    ["Crown", "👑", 5],
    ["Diamond", "💎", 4],
    ["Heart", "❤️", 18],
    ["Lightning", "⚡", 15],
    ["Moon", "🌙", 14],
    ["Sun", "☀️", 16],
    ["Skull", "💀", 8],
    ["Clover", "🍀", 10],
    ["Anchor", "⚓", 14],
    ["Snowflake", "❄️", 15],
    ["Fire", "🔥", 16],
    ["Rocket", "🚀", 10],
    ["Ghost", "👻", 9],
    ["Music Note", "🎵", 18],
    ["Paw", "🐾", 20],
    ["Feather", "🪶", 16],
    ["Cherry", "🍒", 18],
    ["Key", "🔑", 12],
    ["Eye", "👁️", 6],
    ["Dove", "🕊️", 14],
    ["Butterfly", "🦋", 12],
    ["Shield", "🛡️", 14],
    ["Trident", "🔱", 5],
    ["Yin Yang", "☯️", 8],
    ["Atom", "⚛️", 10],
    ["Infinity", "♾️", 3],
    ["Ton Coin", "💠", 2],
    ["Duck", "🦆", 1],
    ["Planet", "🪐", 7],
    ["Mushroom", "🍄", 12],
    ["Wave", "🌊", 16],
  ] satisfies S[]
).map(([name, glyph, rarityPermille]) => ({ name, glyph, rarityPermille }));

/**
 * The symbols one collection uses: every collection draws from the shared list but skips a
 * deterministic quarter of it, so collections differ (as on Telegram) and symbol filters are useful.
 */
export function symbolsFor(giftIndex: number): CatalogSymbol[] {
  return CATALOG_SYMBOLS.filter((_, i) => (i + giftIndex) % 4 !== 0);
}

/** Resolves a catalog date relative to `now`. */
export function transferableDate(gift: CatalogGift, now: Date): Date | null {
  const t = gift.transferableAt;
  if (t === null) return null;
  if (typeof t === "string") return new Date(t);
  return new Date(now.getTime() + t.inDays * 86_400_000);
}

/** Whether a catalog gift can be transferred (and so held in custody) at `now`. */
export function isTransferable(gift: CatalogGift, now: Date): boolean {
  const at = transferableDate(gift, now);
  return at !== null && at.getTime() <= now.getTime();
}
