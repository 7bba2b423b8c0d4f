/**
 * Realistic generated names: Russian/Ukrainian people in Latin and Cyrillic spellings (with
 * thousands of "Dmitriy …" / "Дмитрий …", the trap for "Dmitriyev"), Western people, organisations
 * and places. Everything is deterministic for a given seed.
 */
import { normalizeName } from "../../src/text/normalize.js";
import type { EntitySeed } from "../../src/db/repositories/catalog.js";
import type { Random } from "./random.js";

/** [Latin, Cyrillic, weight]: Dmitriy is deliberately the most common first name. */
const SLAVIC_FIRST: [string, string, number][] = [
  ["Dmitriy", "Дмитрий", 14], ["Dmitry", "Дмитрий", 4], ["Aleksandr", "Александр", 6], ["Sergey", "Сергей", 6],
  ["Andrey", "Андрей", 5], ["Alexey", "Алексей", 5], ["Ivan", "Иван", 4], ["Mikhail", "Михаил", 4],
  ["Nikolay", "Николай", 3], ["Vladimir", "Владимир", 3], ["Kirill", "Кирилл", 2], ["Pavel", "Павел", 3],
  ["Yuriy", "Юрий", 2], ["Igor", "Игорь", 3], ["Oleg", "Олег", 3], ["Maxim", "Максим", 3], ["Artem", "Артём", 2],
  ["Denis", "Денис", 2], ["Evgeniy", "Евгений", 2], ["Roman", "Роман", 2], ["Olga", "Ольга", 3], ["Anna", "Анна", 3],
  ["Elena", "Елена", 3], ["Natalia", "Наталья", 3], ["Tatiana", "Татьяна", 3], ["Irina", "Ирина", 3],
  ["Svetlana", "Светлана", 2], ["Maria", "Мария", 3], ["Ekaterina", "Екатерина", 2], ["Yulia", "Юлия", 2],
  ["Anastasia", "Анастасия", 2], ["Viktor", "Виктор", 2], ["Boris", "Борис", 1], ["Gennadiy", "Геннадий", 1],
  ["Konstantin", "Константин", 2], ["Stanislav", "Станислав", 1], ["Timur", "Тимур", 1], ["Vadim", "Вадим", 1],
];

/** Surname stems [Latin, Cyrillic]; combined with suffixes below. */
const SLAVIC_STEMS: [string, string][] = [
  ["Ivan", "Иван"], ["Smirn", "Смирн"], ["Kuznets", "Кузнец"], ["Pop", "Поп"], ["Sokol", "Сокол"], ["Lebed", "Лебед"],
  ["Kozl", "Козл"], ["Novik", "Новик"], ["Moroz", "Мороз"], ["Petr", "Петр"], ["Volk", "Волк"], ["Solov", "Солов"],
  ["Vasil", "Васил"], ["Zaits", "Зайц"], ["Pavl", "Павл"], ["Semen", "Семен"], ["Golub", "Голуб"], ["Vinogrado", "Виноградо"],
  ["Bogdan", "Богдан"], ["Vorob", "Вороб"], ["Fedor", "Федор"], ["Mikhayl", "Михайл"], ["Belyak", "Беляк"], ["Tarasen", "Тарасен"],
  ["Beloz", "Белоз"], ["Komar", "Комар"], ["Orl", "Орл"], ["Kisel", "Кисел"], ["Makar", "Макар"], ["Andre", "Андре"],
  ["Kovalen", "Коваленк"], ["Il", "Ил"], ["Gus", "Гус"], ["Tit", "Тит"], ["Kuzm", "Кузьм"], ["Kudryav", "Кудряв"],
  ["Baran", "Баран"], ["Kulik", "Кулик"], ["Alekseen", "Алексеен"], ["Stepan", "Степан"], ["Yakovl", "Яковл"], ["Sorok", "Сорок"],
  ["Sergeen", "Сергеен"], ["Roman", "Роман"], ["Zakhar", "Захар"], ["Borisen", "Борисен"], ["Koroleen", "Королеен"], ["Gerasim", "Герасим"],
  ["Ponomar", "Пономар"], ["Grigor", "Григор"], ["Lazar", "Лазар"], ["Medved", "Медвед"], ["Ersh", "Ерш"], ["Nikit", "Никит"],
  ["Sobol", "Собол"], ["Ryab", "Рябо"], ["Polyak", "Поляк"], ["Tsvetk", "Цветк"], ["Danil", "Данил"], ["Zhuk", "Жук"],
  ["Frol", "Фрол"], ["Zhuravl", "Журавл"], ["Nikolaen", "Николаен"], ["Kryl", "Крыл"], ["Maksim", "Максим"], ["Sidor", "Сидор"],
  ["Osip", "Осип"], ["Belous", "Белоус"], ["Fedot", "Федот"], ["Dorofe", "Дорофе"], ["Egor", "Егор"], ["Matve", "Матве"],
  ["Bobr", "Бобр"], ["Dmitrien", "Дмитриен"], ["Kalin", "Калин"], ["Anisim", "Анисим"], ["Petukh", "Петух"], ["Antonen", "Антонен"],
  ["Gorbach", "Горбач"], ["Kotl", "Котл"], ["Shcherbak", "Щербак"], ["Lysen", "Лысен"], ["Melnik", "Мельник"], ["Shevchen", "Шевчен"],
  ["Bondar", "Бондар"], ["Tkachen", "Ткачен"], ["Kravchen", "Кравчен"], ["Oliynik", "Олейник"], ["Karpen", "Карпен"], ["Savchen", "Савчен"],
  ["Rudenk", "Руденк"], ["Marchen", "Марчен"], ["Levchen", "Левчен"], ["Moskal", "Москал"], ["Kharchen", "Харчен"], ["Denis", "Денис"],
  ["Gavril", "Гаврил"], ["Rodion", "Родион"], ["Trofim", "Трофим"], ["Vlasen", "Власен"], ["Mironen", "Мироненк"], ["Ignat", "Игнат"],
];
const SLAVIC_SUFFIXES: [string, string][] = [
  ["ov", "ов"], ["ev", "ев"], ["in", "ин"], ["sky", "ский"], ["ko", "ко"], ["uk", "ук"], ["ich", "ич"], ["ovich", "ович"], ["enko", "енко"], ["yan", "ян"],
];

const WESTERN_FIRST = [
  "John", "Michael", "David", "James", "Robert", "Thomas", "Peter", "Hans", "Pierre", "Jean", "Marie", "Sophie", "Klaus",
  "Stefan", "Laura", "Emma", "Olivia", "Lucas", "Louis", "Paul", "Anne", "Claire", "Julia", "Martin", "Daniel", "Sarah",
  "Mark", "Richard", "William", "Charles", "Catherine", "Isabelle", "Giulia", "Marco", "Luca", "Carlos", "Ana", "Miguel",
  "George", "Edward", "Henry", "Frank", "Jack", "Oliver", "Harry", "Noah", "Liam", "Ethan", "Mason", "Logan", "Chloe", "Alice",
  "Grace", "Hannah", "Lena", "Mia", "Nina", "Eva", "Rosa", "Ingrid", "Astrid", "Lars", "Sven", "Erik", "Jan", "Piotr", "Tomasz",
  "Katarzyna", "Agnieszka", "Matteo", "Francesca", "Elena", "Javier", "Lucia", "Pablo", "Diego", "Helena", "Bruno", "Felix",
];
const WESTERN_STEMS = [
  "Mill", "Walk", "Fish", "Bak", "Cart", "Park", "Turn", "Hunt", "Cook", "Ward", "Brook", "Wood", "Stone", "Hill",
  "Green", "Black", "White", "Brown", "Lang", "Schmidt", "Schneid", "Wagn", "Hoff", "Kell", "Rich", "Bern", "Lamb",
  "Mor", "Dub", "Laf", "Dupon", "Gar", "Mart", "Fontan", "Rossi", "Bianch", "Ferr", "Costa", "Silv", "Santo", "Olive",
  "Hart", "Harr", "Wils", "Thomps", "Robins", "Clark", "Lewis", "Young", "Allen", "King", "Wright", "Scott", "Adams",
  "Bell", "Reed", "Gray", "West", "Shaw", "Hale", "Lowe", "Marsh", "Field", "Frost", "Moss", "Wolf", "Fuchs", "Becker",
  "Krause", "Vogel", "Roth", "Berg", "Lind", "Holm", "Dahl", "Nowak", "Kowal", "Lewand", "Rinald", "Moretti", "Conti",
  "Romero", "Navarr", "Torres", "Ramir", "Castell", "Delacr", "Marchand", "Lefev", "Girard", "Blanch", "Rousse", "Chevall",
];
const WESTERN_SUFFIXES = ["er", "son", "man", "ley", "ford", "ton", "ini", "ez", "eau", "ard", "ell", "well"];

const ORG_ADJ = [
  "Northern", "Southern", "Eastern", "Western", "Central", "Baltic", "Siberian", "Atlantic", "Pacific", "National", "United",
  "Federal", "Global", "Continental", "Danube", "Volga", "Ural", "Arctic", "Black Sea", "Caspian", "Alpine", "Nordic", "Iberian",
];
const ORG_FIELD = [
  "Steel", "Energy", "Gas", "Oil", "Grain", "Shipping", "Rail", "Aviation", "Mining", "Timber", "Chemical", "Nuclear",
  "Telecom", "Media", "Insurance", "Investment", "Development", "Agricultural", "Defence", "Space", "Water", "Textile",
  "Software", "Pharmaceutical", "Construction", "Logistics", "Fisheries", "Automotive",
];
const ORG_KIND = [
  "Company", "Group", "Holding", "Bank", "Fund", "Agency", "Corporation", "Union", "Institute", "Council", "Authority",
  "Association", "Alliance", "Commission", "Partners", "Trust", "Consortium", "Foundation", "Cooperative", "Exchange",
];
const PLACE_STEMS = [
  "Novo", "Staro", "Krasno", "Belo", "Cherno", "Zeleno", "Svetlo", "Solne", "Lesno", "Ozerno", "Gorno", "Rechno", "Polyano",
  "Vysoko", "Dalne", "Kamenno", "Peschano", "Zlato", "Sosno", "Lipo", "Berezo", "Dubo", "Yasno", "Tiho",
];
const PLACE_ROOTS = [
  "grad", "gorsk", "dolsk", "rechensk", "polye", "selye", "mirsk", "volsk", "bereg", "ozersk", "lesye", "dar", "gorye",
  "yarsk", "ostrov", "brod", "pol", "vodsk", "kursk", "tovsk", "ovka", "ivka", "ino", "evo",
];
const PLACE_WESTERN = ["Saint", "Port", "Fort", "Lake", "Mount", "New", "Old", "North", "South", "East", "West", "Upper", "Lower", "Bad", "Bois"];
const PLACE_WESTERN_ROOT = [
  "Haven", "Bridge", "Field", "Wood", "Ridge", "Brook", "Dale", "Marsh", "Mill", "Vale", "Ford", "Cross", "Wick", "Moor",
  "Harbor", "Rock", "Spring", "Pine", "Oak", "Elm", "Ash", "Cedar", "Maple", "Willow",
];
const ROLES = [
  "businessman", "politician", "journalist", "diplomat", "economist", "lawyer", "general", "governor", "mayor", "minister",
  "senator", "banker", "professor", "activist", "analyst", "engineer", "deputy", "spokesperson", "ambassador", "athlete",
];

/** Lower-case Latin to Cyrillic for suffix-compatible stems built above (only for Western names' Cyrillic spellings). */
function weightedPick(random: Random, items: [string, string, number][]): [string, string] {
  const total = items.reduce((sum, [, , w]) => sum + w, 0);
  let r = random.next() * total;
  for (const [latin, cyrillic, weight] of items) {
    r -= weight;
    if (r < 0) return [latin, cyrillic];
  }
  const last = items[items.length - 1]!;
  return [last[0], last[1]];
}

/** A generated entity and the facts the benchmarks need to build queries about it. */
export interface GeneratedEntity {
  seed: EntitySeed;
  /** Surname (people only), Latin spelling. */
  surname?: string;
  /** Cyrillic full name, when the entity has one. */
  cyrillic?: string;
}

/**
 * A source of distinct entities (about 75% people, 15% organisations, 10% places), none of whose
 * normalised names or surnames equals a name in `reserved` (the catalog), so each catalog entity
 * stays the one right answer for its own names. `take(n)` continues the same sequence, so a small
 * set is always a prefix of a larger one.
 */
export function createEntityGenerator(random: Random, reserved: Set<string>) {
  const seen = new Set<string>(reserved);
  let made = 0;
  return {
    take(count: number): GeneratedEntity[] {
      const out: GeneratedEntity[] = [];
      let attempts = 0;
      while (out.length < count) {
        if (++attempts > count * 50 + 1000) throw new Error(`Could not generate ${count} more distinct names`);
        const roll = random.next();
        const entity = roll < 0.75 ? person(random) : roll < 0.9 ? organisation(random) : place(random);
        const key = normalizeName(entity.seed.name);
        if (seen.has(key)) continue;
        if (entity.surname && reserved.has(normalizeName(entity.surname))) continue;
        seen.add(key);
        made++;
        entity.seed.slug = `gen-${made}-${key.replace(/ /g, "-")}`.slice(0, 80);
        out.push(entity);
      }
      return out;
    },
  };
}

function person(random: Random): GeneratedEntity {
  const role = random.pick(ROLES);
  if (random.chance(0.65)) {
    const [first, firstCyr] = weightedPick(random, SLAVIC_FIRST);
    const [stem, stemCyr] = random.pick(SLAVIC_STEMS);
    const [suffix, suffixCyr] = random.pick(SLAVIC_SUFFIXES);
    const feminine = /a$/.test(first) && /^(ov|ev|in)$/.test(suffix);
    const surname = `${stem}${suffix}${feminine ? "a" : ""}`;
    const surnameCyr = `${stemCyr}${suffixCyr}${feminine ? "а" : ""}`;
    const name = `${first} ${surname}`;
    const cyrillic = `${firstCyr} ${surnameCyr}`;
    const withCyrillic = random.chance(0.5);
    return {
      seed: {
        slug: "",
        kind: "person",
        name,
        aliases: [surname, ...(withCyrillic ? [cyrillic, surnameCyr] : [])],
        descriptions: { en: `${role}` },
      },
      surname,
      cyrillic: withCyrillic ? cyrillic : undefined,
    };
  }
  const first = random.pick(WESTERN_FIRST);
  const surname = `${random.pick(WESTERN_STEMS)}${random.pick(WESTERN_SUFFIXES)}`;
  return { seed: { slug: "", kind: "person", name: `${first} ${surname}`, aliases: [surname], descriptions: { en: role } }, surname };
}

function organisation(random: Random): GeneratedEntity {
  const name = `${random.pick(ORG_ADJ)} ${random.pick(ORG_FIELD)} ${random.pick(ORG_KIND)}`;
  const initials = name
    .split(" ")
    .map((w) => w[0])
    .join("");
  return { seed: { slug: "", kind: "organization", name, aliases: random.chance(0.3) ? [initials] : [], descriptions: { en: "organisation" } } };
}

function place(random: Random): GeneratedEntity {
  const name = random.chance(0.6)
    ? capitalise(`${random.pick(PLACE_STEMS)}${random.pick(PLACE_ROOTS)}`)
    : `${random.pick(PLACE_WESTERN)} ${random.pick(PLACE_WESTERN_ROOT)}${random.chance(0.5) ? random.pick(["ton", "ville", "burg", "field", "port"]) : ""}`;
  return { seed: { slug: "", kind: "place", name, aliases: [], descriptions: { en: "town" } } };
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
