interface TimeZoneSelectProps {
  id: string;
  value: string;
  onChange: (zone: string) => void;
}

// Every IANA zone the browser knows; UTC first because Intl lists it under "Etc/".
const zones = ["UTC", ...Intl.supportedValuesOf("timeZone").filter((zone) => zone !== "UTC")];

export function TimeZoneSelect({ value, onChange, ...rest }: TimeZoneSelectProps) {
  return (
    <select {...rest} value={value} onChange={(event) => onChange(event.target.value)}>
      {!zones.includes(value) && <option value={value}>{value}</option>}
      {zones.map((zone) => (
        <option key={zone} value={zone}>
          {zone}
        </option>
      ))}
    </select>
  );
}
